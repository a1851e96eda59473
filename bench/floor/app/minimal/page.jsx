import { connection } from "next/server";

// The least a server-rendered page can be: a heading, rendered on every request.
export default async function MinimalPage() {
  await connection();
  return (
    <main>
      <h1>Rendered on request</h1>
    </main>
  );
}
