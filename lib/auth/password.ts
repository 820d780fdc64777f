import "server-only";
import bcrypt from "bcryptjs";

const COST = 12;

// Compared against when the account does not exist, so that a wrong e-mail costs as much
// time as a wrong password and response times do not reveal which accounts exist.
const DUMMY_HASH = bcrypt.hashSync("verdict-timing-equaliser", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== null);
}
