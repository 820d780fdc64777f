/** Builds the app into its own dist dir once per run (skipped when the build is newer than the sources). */
import { buildIfNeeded } from "@/scripts/stack";
import { FAULTS_DIST_DIR } from "./support/stack";

export default async function setup(): Promise<void> {
  process.env.NEXT_DIST_DIR = FAULTS_DIST_DIR;
  await buildIfNeeded();
}
