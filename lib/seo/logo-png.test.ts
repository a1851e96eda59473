import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readLogoPng } from "./logo-png";
import { homeStructuredData, PUBLISHER_LOGO } from "./publisher";

describe("the publisher logo", () => {
  it("is a PNG of the size the structured data states, opaque", async () => {
    const meta = await sharp(await readLogoPng()).metadata();
    expect(meta).toMatchObject({ format: "png", width: PUBLISHER_LOGO.width, height: PUBLISHER_LOGO.height, hasAlpha: false });
  });

  it("is named by the home page's Organization next to the WebSite and its SearchAction", () => {
    const [site, organization] = homeStructuredData("The Meridian", "https://meridian.example");
    expect(site).toEqual({
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: "The Meridian",
      url: "https://meridian.example",
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: "https://meridian.example/search?q={search_term_string}" },
        "query-input": "required name=search_term_string",
      },
    });
    expect(organization).toMatchObject({ logo: { url: "https://meridian.example/logo.png", width: 512, height: 512 } });
  });
});
