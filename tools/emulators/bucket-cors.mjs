// S3 bucket CORS for fauxqs, which has none: PutBucketCors / GetBucketCors / DeleteBucketCors (PUT, GET, DELETE
// /{bucket}?cors, path-style) keep each bucket's rules in memory, preflights (OPTIONS) are answered from them as S3
// does, and responses to cross-origin requests a rule allows carry the Access-Control-* headers. So a browser page can
// PUT to presigned URLs exactly when the bucket's CORS configuration (the CDK stack's, applied by the provisioner)
// would let it on AWS, and read the ETag header when the rule exposes it.

const rulesByBucket = new Map();

export function registerBucketCors(app) {
  app.addHook("onRequest", async (request, reply) => {
    const { bucket, key, query } = locate(request.url);
    if (!bucket) return;
    if (!key && query.has("cors")) return configure(request, reply, bucket);
    if (request.method === "OPTIONS") return preflight(request, reply, bucket);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const origin = request.headers.origin;
    if (!origin || request.method === "OPTIONS") return payload;
    const rule = match(locate(request.url).bucket, origin, request.method, []);
    if (rule) applyAllowed(reply, rule, origin);
    return payload;
  });
}

function locate(url) {
  const [path, search = ""] = url.split("?", 2);
  const segments = path.split("/").filter(s => s.length > 0);
  return { bucket: segments[0] ? decodeURIComponent(segments[0]) : null, key: segments.slice(1).join("/"), query: new URLSearchParams(search) };
}

async function configure(request, reply, bucket) {
  if (request.method === "PUT") {
    const rules = parseRules(await readBody(request.raw));
    if (rules.length === 0) return error(reply, 400, "MalformedXML", "The CORS configuration has no CORSRule.");
    rulesByBucket.set(bucket, rules);
    return reply.code(200).send();
  }
  if (request.method === "DELETE") {
    rulesByBucket.delete(bucket);
    return reply.code(204).send();
  }
  if (request.method === "GET") {
    const rules = rulesByBucket.get(bucket);
    if (!rules) return error(reply, 404, "NoSuchCORSConfiguration", "The CORS configuration does not exist");
    return reply.code(200).header("content-type", "application/xml").send(toXml(rules));
  }
}

function preflight(request, reply, bucket) {
  const origin = request.headers.origin;
  const method = request.headers["access-control-request-method"];
  const headers = (request.headers["access-control-request-headers"] ?? "").split(",").map(h => h.trim().toLowerCase()).filter(h => h);
  if (!origin || !method) return error(reply, 400, "BadRequest", "Insufficient information. Origin request header needed.");
  const rule = match(bucket, origin, method, headers);
  if (!rule) return error(reply, 403, "AccessForbidden", "CORSResponse: This CORS request is not allowed.");
  applyAllowed(reply, rule, origin);
  reply.header("access-control-allow-methods", rule.methods.join(", "));
  if (headers.length) reply.header("access-control-allow-headers", headers.join(", "));
  if (rule.maxAgeSeconds !== undefined) reply.header("access-control-max-age", String(rule.maxAgeSeconds));
  return reply.code(200).send();
}

function applyAllowed(reply, rule, origin) {
  reply.header("access-control-allow-origin", rule.origins.includes("*") ? "*" : origin);
  reply.header("vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
  if (rule.exposeHeaders.length) reply.header("access-control-expose-headers", rule.exposeHeaders.join(", "));
}

// The first rule allowing the origin, the method and every requested header, as S3 picks it.
function match(bucket, origin, method, headers) {
  for (const rule of rulesByBucket.get(bucket) ?? []) {
    if (!rule.origins.some(o => wildcard(o, origin))) continue;
    if (!rule.methods.includes(method.toUpperCase())) continue;
    if (!headers.every(h => rule.allowedHeaders.some(a => wildcard(a.toLowerCase(), h)))) continue;
    return rule;
  }
  return null;
}

// S3 allows one "*" in an origin or header pattern.
function wildcard(pattern, value) {
  const star = pattern.indexOf("*");
  if (star < 0) return pattern === value;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return value.length >= prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix);
}

function parseRules(xml) {
  const values = (block, tag) => [...block.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map(m => unescapeXml(m[1].trim()));
  return [...xml.matchAll(/<CORSRule>([\s\S]*?)<\/CORSRule>/g)].map(([, block]) => {
    const maxAge = values(block, "MaxAgeSeconds")[0];
    return {
      id: values(block, "ID")[0],
      origins: values(block, "AllowedOrigin"),
      methods: values(block, "AllowedMethod").map(m => m.toUpperCase()),
      allowedHeaders: values(block, "AllowedHeader"),
      exposeHeaders: values(block, "ExposeHeader"),
      maxAgeSeconds: maxAge === undefined ? undefined : Number(maxAge),
    };
  }).filter(rule => rule.origins.length > 0 && rule.methods.length > 0);
}

function toXml(rules) {
  const element = (tag, value) => `<${tag}>${escapeXml(String(value))}</${tag}>`;
  const body = rules.map(rule => "<CORSRule>"
    + (rule.id ? element("ID", rule.id) : "")
    + rule.allowedHeaders.map(h => element("AllowedHeader", h)).join("")
    + rule.methods.map(m => element("AllowedMethod", m)).join("")
    + rule.origins.map(o => element("AllowedOrigin", o)).join("")
    + rule.exposeHeaders.map(h => element("ExposeHeader", h)).join("")
    + (rule.maxAgeSeconds === undefined ? "" : element("MaxAgeSeconds", rule.maxAgeSeconds))
    + "</CORSRule>").join("");
  return `<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</CORSConfiguration>`;
}

function error(reply, status, code, message) {
  return reply.code(status).header("content-type", "application/xml")
    .send(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`);
}

async function readBody(stream) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    // S3 caps a CORS configuration at 100 rules; 64 KiB is far more than that takes.
    if (size > 65536) throw new Error("CORS configuration too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const escapeXml = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeXml = s => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
