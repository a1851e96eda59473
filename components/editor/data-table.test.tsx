import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "./data-table";

// The newsroom's tables keep the markup their styles and accessible names rely on.

type Row = { id: number; name: string };
const rows: Row[] = [
  { id: 1, name: "Ada" },
  { id: 2, name: "Grace" },
];

describe("DataTable", () => {
  it("draws scoped headers and one cell per column and row", () => {
    const columns: Column<Row>[] = [
      { header: "Name", cell: (row) => row.name },
      { header: <span className="visually-hidden">Actions</span>, cell: (row) => <button>Remove {row.name}</button>, className: "row-actions" },
    ];
    expect(renderToStaticMarkup(<DataTable rows={rows} rowKey={(row) => row.id} columns={columns} />)).toBe(
      '<table class="data-table"><thead><tr><th scope="col">Name</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>' +
        '<tbody><tr><td>Ada</td><td class="row-actions"><button>Remove Ada</button></td></tr>' +
        '<tr><td>Grace</td><td class="row-actions"><button>Remove Grace</button></td></tr></tbody></table>',
    );
  });

  it("leaves out the columns given as false", () => {
    const moderator = false;
    const columns: (Column<Row> | false)[] = [moderator && { header: "Select", cell: () => "x" }, { header: "Name", cell: (row) => row.name }];
    const html = renderToStaticMarkup(<DataTable rows={rows.slice(0, 1)} rowKey={(row) => row.id} columns={columns} className="data-table moderation-table" />);
    expect(html).toBe('<table class="data-table moderation-table"><thead><tr><th scope="col">Name</th></tr></thead><tbody><tr><td>Ada</td></tr></tbody></table>');
  });

  it("says so when there are no rows, or draws an empty, hidden table with its caption", () => {
    const columns: Column<Row>[] = [{ header: "Name", cell: (row) => row.name }];
    expect(renderToStaticMarkup(<DataTable rows={[]} rowKey={(row) => row.id} columns={columns} empty="No people." />)).toBe('<p class="empty">No people.</p>');
    expect(renderToStaticMarkup(<DataTable rows={[]} rowKey={(row) => row.id} columns={columns} caption="Video programme" hidden />)).toBe(
      '<table class="data-table" hidden=""><caption class="visually-hidden">Video programme</caption><thead><tr><th scope="col">Name</th></tr></thead><tbody></tbody></table>',
    );
  });
});
