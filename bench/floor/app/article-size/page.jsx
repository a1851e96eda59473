import { connection } from "next/server";
import { ArticleSizedPage } from "../article-sized-page";

// Rendered on every request, never stored.
export default async function ArticleSizePage() {
  await connection();
  return <ArticleSizedPage />;
}
