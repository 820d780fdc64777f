/** DTOs of the users admin, safe for client components (no server imports). */

export type UserDTO = {
  id: string;
  email: string;
  name: string;
  roleKey: string;
  roleName: string;
  active: boolean;
  lastSignInAt: string | null;
  /** Created with a set-password link that has not been used yet. */
  awaitingPassword: boolean;
  /** Expiry of the user's unused set-password link, if one is still valid. */
  linkExpiresAt: string | null;
};

/** A set-password link as shown, once, to the admin who issued it. */
export type SetPasswordLinkDTO = { url: string; expiresAt: string };

export type CreatedUserDTO = { id: string; email: string; setPasswordLink: SetPasswordLinkDTO | null };
