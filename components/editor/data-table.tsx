// The newsroom's tables — stories, comments, audit log, people, revisions, tokens, programmes —
// drawn one way: column headers with scope, one row per item, and a sentence when there are none.
// Pages say what each column shows; this file says how a table is built.

export interface Column<Row> {
  header: React.ReactNode;
  cell: (row: Row) => React.ReactNode;
  /** Class of the column's cells, e.g. "row-actions". */
  className?: string;
}

export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  empty,
  className = "data-table",
  caption,
  hidden,
}: {
  rows: readonly Row[];
  rowKey: (row: Row) => React.Key;
  columns: readonly (Column<Row> | false)[];
  /** Shown instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: React.ReactNode;
  className?: string;
  /** Read by screen readers only. */
  caption?: string;
  hidden?: boolean;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="empty">{empty}</p>;
  // `false` columns are the ones a person's role does not see.
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  return (
    <table className={className} hidden={hidden}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {shown.map((column, index) => (
            <th key={index} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {shown.map((column, index) => (
              <td key={index} className={column.className}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
