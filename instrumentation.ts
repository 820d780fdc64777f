export async function register() {
  // Database, provider clients and the sync schedule exist only in the Node.js server.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
