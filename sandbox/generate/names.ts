/**
 * Name pools per writing system. Each entry is [as written in that script, ASCII transliteration].
 * A few Latin entries are deliberately in decomposed (NFD) form: anything that normalises Unicode
 * on the way through changes their bytes, which is what the byte-for-byte tests look for.
 */
export type Script = "latin" | "cyrillic" | "han" | "arabic";
export type Sex = "M" | "F";
export type NamePart = readonly [native: string, ascii: string];
type Family = { M: NamePart; F: NamePart };

export type NamePool = {
  given: Record<Sex, readonly NamePart[]>;
  family: readonly Family[];
  /** How the script orders a full name. */
  join: (given: string, family: string) => string;
};

const same = (part: NamePart): Family => ({ M: part, F: part });
const spaced = (given: string, family: string) => `${given} ${family}`;

export const NAME_POOLS: Record<Script, NamePool> = {
  latin: {
    given: {
      M: [
        ["José", "Jose"],
        ["Łukasz", "Lukasz"],
        ["Øyvind", "Oyvind"],
        ["Seán", "Sean"],
        ["Jean-Luc", "Jean-Luc"],
        ["Jürgen", "Jurgen"],
      ],
      F: [
        ["Zoe\u0308", "Zoe"],
        ["Małgorzata", "Malgorzata"],
        ["Inês", "Ines"],
        ["A\u0301ngela", "Angela"],
        ["Siobhán", "Siobhan"],
        ["Ngọc", "Ngoc"],
      ],
    },
    family: [
      same(["García", "Garcia"]),
      same(["O'Brien", "OBrien"]),
      same(["Mu\u0308ller", "Muller"]),
      same(["Nguyễn", "Nguyen"]),
      same(["da Silva", "da Silva"]),
      { M: ["Kowalski", "Kowalski"], F: ["Kowalska", "Kowalska"] },
    ],
    join: spaced,
  },
  cyrillic: {
    given: {
      M: [
        ["Иван", "Ivan"],
        ["Дмитрий", "Dmitriy"],
        ["Олександр", "Oleksandr"],
        ["Никола", "Nikola"],
        ["Алексей", "Aleksey"],
      ],
      F: [
        ["Анна", "Anna"],
        ["Алёна", "Alyona"],
        ["Юлія", "Yuliia"],
        ["Екатерина", "Ekaterina"],
        ["Ольга", "Olga"],
      ],
    },
    family: [
      { M: ["Петров", "Petrov"], F: ["Петрова", "Petrova"] },
      { M: ["Смирнов", "Smirnov"], F: ["Смирнова", "Smirnova"] },
      same(["Шевченко", "Shevchenko"]),
      { M: ["Йорданов", "Yordanov"], F: ["Йорданова", "Yordanova"] },
      { M: ["Кузнецов", "Kuznetsov"], F: ["Кузнецова", "Kuznetsova"] },
    ],
    join: spaced,
  },
  han: {
    given: {
      M: [
        ["小明", "Xiaoming"],
        ["伟", "Wei"],
        ["建国", "Jianguo"],
        ["國華", "Guohua"],
      ],
      F: [
        ["秀英", "Xiuying"],
        ["丽娜", "Lina"],
        ["婷婷", "Tingting"],
        ["淑芬", "Shufen"],
      ],
    },
    family: [same(["王", "Wang"]), same(["李", "Li"]), same(["张", "Zhang"]), same(["陳", "Chen"]), same(["欧阳", "Ouyang"])],
    join: (given, family) => `${family}${given}`,
  },
  arabic: {
    given: {
      M: [
        ["محمد", "Mohammed"],
        ["أحمد", "Ahmed"],
        ["عبد الله", "Abdullah"],
        ["يوسف", "Youssef"],
      ],
      F: [
        ["فاطمة", "Fatima"],
        ["مريم", "Maryam"],
        ["نور", "Nour"],
        ["عائشة", "Aisha"],
      ],
    },
    family: [same(["العتيبي", "Al-Otaibi"]), same(["الحسن", "Al-Hassan"]), same(["منصور", "Mansour"]), same(["حداد", "Haddad"])],
    join: spaced,
  },
};

export type Locale = { country: string; countryName: string; address: string; phonePrefix: string };

/** Where people of each pool live: ISO alpha-3, an address as printed locally, a phone prefix. */
export const LOCALES: Record<Script, readonly Locale[]> = {
  latin: [
    { country: "ESP", countryName: "Spain", address: "Calle Mayor 12, 28013 Madrid", phonePrefix: "+34" },
    { country: "POL", countryName: "Poland", address: "ul. Marszałkowska 10, 00-590 Warszawa", phonePrefix: "+48" },
    { country: "NOR", countryName: "Norway", address: "Storgata 3, 0155 Oslo", phonePrefix: "+47" },
    { country: "IRL", countryName: "Ireland", address: "14 Grafton Street, Dublin 2", phonePrefix: "+353" },
    { country: "DEU", countryName: "Germany", address: "Hauptstraße 5, 10115 Berlin", phonePrefix: "+49" },
    { country: "VNM", countryName: "Viet Nam", address: "12 Phố Huế, Hà Nội", phonePrefix: "+84" },
  ],
  cyrillic: [
    { country: "RUS", countryName: "Russian Federation", address: "ул. Тверская, д. 7, Москва", phonePrefix: "+7" },
    { country: "UKR", countryName: "Ukraine", address: "вул. Хрещатик, 22, Київ", phonePrefix: "+380" },
    { country: "BGR", countryName: "Bulgaria", address: "бул. Витоша 15, София", phonePrefix: "+359" },
    { country: "SRB", countryName: "Serbia", address: "Кнез Михаилова 10, Београд", phonePrefix: "+381" },
  ],
  han: [
    { country: "CHN", countryName: "China", address: "北京市朝阳区建国路88号", phonePrefix: "+86" },
    { country: "TWN", countryName: "Taiwan", address: "臺北市信義區市府路1號", phonePrefix: "+886" },
  ],
  arabic: [
    { country: "SAU", countryName: "Saudi Arabia", address: "طريق الملك فهد، الرياض", phonePrefix: "+966" },
    { country: "EGY", countryName: "Egypt", address: "شارع التحرير، القاهرة", phonePrefix: "+20" },
    { country: "ARE", countryName: "United Arab Emirates", address: "شارع الشيخ زايد، دبي", phonePrefix: "+971" },
    { country: "JOR", countryName: "Jordan", address: "شارع الرينبو، عمّان", phonePrefix: "+962" },
  ],
};
