/**
 * zod issues as sentences a person understands, every field at once: `name: must be at most 120
 * characters; currency: is required`. Messages a schema wrote itself (`a measurement id such as
 * G-ABC123XYZ`) are kept; zod's generic ones (`Too big: expected string to have <=120
 * characters`, `Invalid input: expected number, received NaN`, `Invalid input`) are rewritten,
 * and a union names what its closest alternative lacks instead of "Invalid input".
 */
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** zod's own wording; a schema's custom message never starts like this. */
const GENERIC = /^(Invalid|Too (big|small)|Unrecognized key)/;
/** At most this many problems are listed. */
const MAX_LISTED = 12;

const noun = (type: string) =>
  type === "array" ? "a list" : type === "object" ? "an object" : `a ${type}`;
/** The unit of a bound: characters of a string, items of a list, none for a number. */
function unit(origin: string, n: number | bigint): string {
  const word =
    origin === "string" ? " character" : origin === "array" || origin === "set" ? " item" : "";
  return word && Number(n) !== 1 ? `${word}s` : word;
}
const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");

function bound(word: "most" | "least", origin: string, n: number | bigint, inclusive: boolean) {
  if (!inclusive) return `must be ${word === "most" ? "less" : "more"} than ${n}${unit(origin, n)}`;
  const verb = origin === "array" || origin === "set" ? "have" : "be";
  return `must ${verb} at ${word} ${n}${unit(origin, n)}`;
}

/** One issue's sentence, without its path. */
function sentence(issue: Issue): string {
  if (!GENERIC.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return /received undefined$/.test(issue.message)
        ? "is required"
        : `must be ${noun(issue.expected)}`;
    case "too_big":
      return bound("most", issue.origin, issue.maximum, issue.inclusive !== false);
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      return bound("least", issue.origin, issue.minimum, issue.inclusive !== false);
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${list(issue.values)}`
        : `must be one of ${list(issue.values)}`;
    case "invalid_format":
      if (issue.format === "url") return "must be a URL";
      if (issue.format === "email") return "must be an email address";
      return issue.format === "regex" ? "has the wrong format" : `must be a valid ${issue.format}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    case "invalid_union": {
      const options = (issue as { options?: readonly unknown[] }).options;
      if (options?.length) return `must be one of ${list(options)}`;
      return "does not match any accepted form";
    }
    default:
      return issue.message;
  }
}

/**
 * A union's issues replaced by those of its closest alternative (the one with the fewest
 * problems), with paths made absolute; other issues as they are.
 */
function flatten(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (closest.length) return flatten(closest, path);
    }
    return [{ ...issue, path } as Issue];
  });
}

/** Every problem of `error`, one `path: sentence` each, joined by "; ". */
export function describeIssues(error: z.ZodError): string {
  const issues = flatten(error.issues);
  if (!issues.length) return "Invalid input";
  const texts = issues.slice(0, MAX_LISTED).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${sentence(issue)}` : sentence(issue);
  });
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : "";
  return [...new Set(texts)].join("; ") + more;
}
