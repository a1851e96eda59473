import { afterEach, expect, it, vi } from "vitest";
import { authOptions } from "./options";

afterEach(() => {
  vi.restoreAllMocks();
});

it("writes next-auth's errors as one escaped line: they can carry request data", () => {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  const { logger } = authOptions("https://news.example");
  logger!.error!("INVALID_CALLBACK_URL_ERROR", new Error("Invalid callback URL. Received: /x\n[next-auth][error][FORGED]"));
  expect(log).toHaveBeenCalledTimes(1);
  const [line] = log.mock.calls[0]!;
  expect(line).toMatch(/^\[next-auth\]\[error\]\[INVALID_CALLBACK_URL_ERROR\] Error: Invalid callback URL\. Received: \/x\\n\[next-auth\]\[error\]\[FORGED\]/);
  expect(line).not.toMatch(/[\u0000-\u001f]/);
});
