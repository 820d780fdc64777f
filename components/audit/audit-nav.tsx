import Link from "next/link";

type Props = { current: "log" | "decisions" };

const TABS = [
  { key: "log", href: "/audit", label: "Audit log" },
  { key: "decisions", href: "/audit/decisions", label: "Decision history" },
] as const;

export function AuditNav({ current }: Props) {
  return (
    <nav aria-label="Audit" className="flex gap-1 border-b border-slate-200 print:hidden">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab.key === current ? "border-slate-900 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
