import "server-only";
import { requestsInFlight, stopAccepting, whenIdle } from "./http-requests";

/**
 * Stopping on SIGTERM (a rolling deploy, `docker stop`) or SIGINT (Ctrl+C): end the live event
 * streams (browsers reconnect, to another instance or to this one once it is back), stop the
 * schedules, stop accepting connections, let requests in flight finish, close the database,
 * exit 0. All within SHUTDOWN_GRACE_SECONDS; what is still running then is cut off, exit 1.
 *
 * Next's own handler (next start, start-server.js) would wait for every connection with no
 * bound, and the event streams never end by themselves; so the launchers set
 * NEXT_MANUAL_SIG_HANDLE=true, Next's documented switch for handling the signals yourself.
 * Without it Next's handler runs too and exits with 128+signal once the connections are gone.
 */

export type ShutdownPlan = {
  graceMs: number;
  /** Stop timers and wait for the runs in progress (sync, reconciler, outbound deliveries). */
  stopSchedules: () => Promise<void>;
  /** Last, once no request is in flight: the live listener and the database. */
  close: () => Promise<void>;
};

type State = { controller: AbortController; installed: boolean };
// On globalThis: the event-stream route is bundled apart from instrumentation.
const holder = globalThis as unknown as { __verdictShutdown?: State };
const state = (holder.__verdictShutdown ??= { controller: new AbortController(), installed: false });

/** Aborted when the server starts stopping: long-lived responses (event streams) end on it. */
export const shutdownSignal = (): AbortSignal => state.controller.signal;
export const isShuttingDown = (): boolean => state.controller.signal.aborted;

const log = (message: string) => console.log(`[verdict] ${message}`);
const sleep = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

export function installShutdown(plan: ShutdownPlan): void {
  if (state.installed) return;
  state.installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    // The terminal sends Ctrl+C's SIGINT to the whole process group, and `npm run demo` sends
    // SIGTERM as well: one shutdown, however many signals.
    if (isShuttingDown()) return;
    void shutDown(plan, signal).then((code) => (code === null ? undefined : process.exit(code)));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/** The exit code, or null where Next's own handler exits once its server has closed. */
async function shutDown(plan: ShutdownPlan, signal: NodeJS.Signals): Promise<number | null> {
  const nextExits = !process.env.NEXT_MANUAL_SIG_HANDLE;
  const deadline = Date.now() + plan.graceMs;
  const left = () => Math.max(0, deadline - Date.now());
  log(`${signal}: stopping (up to ${plan.graceMs / 1000} s for requests in flight)`);
  // A hard stop after the grace period, whatever hangs below; unref'd so it never keeps us alive.
  setTimeout(() => {
    log(`grace period over: ${requestsInFlight()} request(s) cut off`);
    process.exit(1);
  }, plan.graceMs + 2000).unref();

  state.controller.abort();
  stopAccepting();
  const schedules = plan.stopSchedules().catch((error: unknown) => console.error("[verdict] stopping the schedules failed:", error));
  const drained = await Promise.race([Promise.all([whenIdle(), schedules]).then(() => "done" as const), sleep(left())]);
  if (drained === "timeout") {
    log(`grace period over: ${requestsInFlight()} request(s) cut off`);
    return 1;
  }
  if (nextExits) {
    // Next's handler waits for its server to close; the connections the streams left open
    // would hold it until their keep-alive runs out. Next also runs after() work then, which
    // may still use the database: leave that open.
    stopAccepting();
    log("requests done; Next's handler exits");
    return null;
  }
  const closed = await Promise.race([plan.close().then(() => "done" as const), sleep(Math.max(left(), 1000))]);
  if (closed === "timeout") log("the database did not close in time");
  log("stopped");
  return closed === "done" ? 0 : 1;
}
