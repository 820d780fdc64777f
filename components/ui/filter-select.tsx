export type FilterOption = { value: string; label: string };

type Props = { id: string; name: string; label: string; value: string | null; options: FilterOption[] };

const labelClass = "text-xs font-medium text-slate-600";
const fieldClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** One labelled <select> of a GET filter form; the empty choice ("Any") means no filter. */
export function FilterSelect({ id, name, label, value, options }: Props) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={fieldClass}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
