// Starts fauxqs (S3, SQS, SNS) on 127.0.0.1 only; its own CLI binds every interface.
// Usage: node fauxqs-server.mjs PORT   (prints "fauxqs listening on http://127.0.0.1:PORT" when ready)
import { buildApp } from "fauxqs";
import { registerBucketCors } from "./bucket-cors.mjs";

const port = Number(process.argv[2] ?? 4566);
const app = buildApp({ logger: false });
// fauxqs answers no CORS preflight and has no PutBucketCors: browsers PUT to presigned URLs only with this.
registerBucketCors(app);
try {
  await app.listen({ host: "127.0.0.1", port });
  console.log(`fauxqs listening on http://127.0.0.1:${port}`);
} catch (err) {
  console.error(`fauxqs failed to listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
}
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => app.close().finally(() => process.exit(0)));
}
// The AppHost holds our standard input open; when it dies, however it dies, the pipe closes and we follow it.
if (process.env.MEDIMAGING_EXIT_WITH_PARENT === "stdin") {
  process.stdin.on("end", () => app.close().finally(() => process.exit(0)));
  process.stdin.resume();
}
