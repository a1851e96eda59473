// A plain static file server (what `npm run bench` compares the application with): reads the
// file from disk for every request and sends it with a content type, length and ETag.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const [root = ".", port = "3301"] = process.argv.slice(2);

http
  .createServer((request, response) => {
    const file = path.join(root, path.normalize(decodeURIComponent(request.url ?? "/").split("?")[0]!).replace(/^(\.\.[/\\])+/, ""));
    fs.stat(file, (statError, stat) => {
      if (statError || !stat.isFile()) {
        response.writeHead(404).end("Not found");
        return;
      }
      response.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": stat.size,
        ETag: `"${stat.size}-${stat.mtimeMs}"`,
        "Cache-Control": "public, max-age=0",
      });
      fs.createReadStream(file).pipe(response);
    });
  })
  .listen(Number(port), "127.0.0.1");
