/** What the sign-in action hands back to the form: null on success (the action redirects), an error to show otherwise. */
export type SignInState = { ok: false; error: string } | null;
