import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import { loadViewer, type Viewer } from "@/lib/auth/load-viewer";
import { createUser } from "@/lib/users/create-user";
import { TEST_PASSWORD } from "./db";

/** A real user row (decisions reference it) and the viewer the app would build for it. */
export async function createViewer(handle: DatabaseHandle, role: string, name = role): Promise<Viewer> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 8)}@example.test`;
  const user = await createUser({ db: handle.db, actor: { id: null, label: "test" } }, { email, name, role, password: TEST_PASSWORD });
  const viewer = await loadViewer(handle.db, user.id, 1);
  if (!viewer) throw new Error("viewer not loadable");
  return viewer;
}

export const newKey = () => randomUUID();
