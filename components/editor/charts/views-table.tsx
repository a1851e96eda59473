import { countLabel } from "./labels";

// The numbers behind a chart, as a table: what a screen reader reads, and anyone who wants the
// figures. The chart decides whether it is disclosed or visually hidden.

export interface ViewsRow {
  key: string;
  label: string;
  views: number;
}

export function ViewsTable({ caption, header, rows, className }: { caption: string; header: string; rows: readonly ViewsRow[]; className?: string }) {
  return (
    <table className={className ? `views-table ${className}` : "views-table"}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col">Views</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{countLabel(row.views)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
