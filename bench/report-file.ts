import fs from "node:fs";

const BEGIN = "<!-- bench:results:begin (written by npm run bench; edit outside these markers) -->";
const END = "<!-- bench:results:end -->";

const SKELETON = `# Benchmarks

\`npm run bench\` (code in \`bench/\`, entry \`bench/run.ts\`) seeds its own databases, measures, and rewrites
the results between the markers below. Everything outside the markers is kept, so the analysis
of missed targets lives after them. \`npm run bench -- --help\` lists the options; a quick run is
\`npm run bench -- --pg-sessions 100000 --pg-growth-from 20000 --pglite-sessions 20000 --duration 3\`.

## Results

${BEGIN}
${END}

## Analysis

(Why a target was missed, and what would fix it.)
`;

/** Replaces the results section of the report file, keeping the hand-written rest. */
export function writeReport(file: string, results: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : SKELETON;
  const base = current.includes(BEGIN) && current.includes(END) ? current : SKELETON;
  const before = base.slice(0, base.indexOf(BEGIN) + BEGIN.length);
  const after = base.slice(base.indexOf(END));
  fs.writeFileSync(file, `${before}\n\n${results}\n\n${after}`);
}
