import { afterEach, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log";
import { authOptions } from "./options";

afterEach(() => {
  vi.restoreAllMocks();
});

it("writes next-auth's errors as one escaped line: they can carry request data", () => {
  const logged = captureLog();
  const { logger } = authOptions("https://news.example");
  logger!.error!("INVALID_CALLBACK_URL_ERROR", new Error("Invalid callback URL. Received: /x\n[next-auth][error][FORGED]"));
  logged.stop();
  const lines = logged.text().split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/[\u0000-\u001f]/);
  const [entry] = logged.lines() as [{ msg: string; err: { message: string } }];
  expect(entry.msg).toBe("[next-auth][error][INVALID_CALLBACK_URL_ERROR]");
  expect(entry.err.message).toBe("Invalid callback URL. Received: /x\n[next-auth][error][FORGED]");
});
