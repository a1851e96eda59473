/** Next.js search params as plain strings: the first value of each, empty ones left out. */
export async function firstValues(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) || undefined]),
  );
}
