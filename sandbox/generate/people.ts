import { addDays, isoDate } from "./dates";
import { LOCALES, NAME_POOLS } from "./names";
import type { Script, Sex } from "./names";
import type { Prng } from "./prng";

export type Person = {
  script: Script;
  sex: Sex;
  firstName: string;
  lastName: string;
  fullName: string;
  asciiFirstName: string;
  asciiLastName: string;
  dateOfBirth: string;
  country: string;
  countryName: string;
  address: string;
  email: string;
  phone: string;
  documentNumber: string;
  personalNumber: string;
};

export function generatePerson(prng: Prng, script: Script, index: number, today: Date): Person {
  const pool = NAME_POOLS[script];
  const sex: Sex = prng.chance(0.5) ? "M" : "F";
  const [firstName, asciiFirstName] = prng.pick(pool.given[sex]);
  const [lastName, asciiLastName] = prng.pick(pool.family)[sex];
  const locale = prng.pick(LOCALES[script]);
  const ageDays = prng.int(18 * 365 + 5, 75 * 365);
  const handle = `${asciiFirstName}.${asciiLastName}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
  return {
    script,
    sex,
    firstName,
    lastName,
    fullName: pool.join(firstName, lastName),
    asciiFirstName,
    asciiLastName,
    dateOfBirth: isoDate(addDays(today, -ageDays)),
    country: locale.country,
    countryName: locale.countryName,
    address: locale.address,
    email: `${handle}${index}@example.org`,
    phone: `${locale.phonePrefix}${prng.digits(9)}`,
    documentNumber: `${prng.letters(2)}${prng.digits(7)}`,
    personalNumber: prng.digits(10),
  };
}
