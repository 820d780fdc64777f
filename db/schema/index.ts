export * from "./auth";
export * from "./credentials";
export * from "./sessions";
export * from "./decisions";
export * from "./integrations";
export * from "./audit";
export * from "./jobs";
