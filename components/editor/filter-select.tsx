/** One select of a GET filter form: "any" first, then the options. */
export function FilterSelect({
  name,
  label,
  value,
  anyLabel = "Any",
  options,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  anyLabel?: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
