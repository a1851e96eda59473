import { apiNotFoundResponse } from "@/lib/http/route";

// Any method at /api/<an address no route answers> – a JSON 404, like every API answer (Next
// would render the HTML not-found page). Every real route is more specific and wins.

export const dynamic = "force-dynamic";

export {
  apiNotFoundResponse as GET,
  apiNotFoundResponse as POST,
  apiNotFoundResponse as PUT,
  apiNotFoundResponse as PATCH,
  apiNotFoundResponse as DELETE,
  apiNotFoundResponse as OPTIONS,
};
