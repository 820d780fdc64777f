/** Password length limits, zod-free so client forms can show them without bundling zod (schemas.ts uses them too). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
