/**
 * The product's API as the dashboard tests call it: the demo site's full key (another key's
 * header can replace it), JSON in and out, and each answer's status with its body.
 */
import { DEMO } from "../support/local-worker";

/** What `api` answers: the HTTP status and the JSON body. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** `api(path, init)` against `product`'s Worker (read when called: the product starts later). */
export function demoApi(product: { worker: { base: string } }) {
  return async <T>(path: string, init: RequestInit = {}): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${product.worker.base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${DEMO.apiKey}`,
        "content-type": "application/json",
        ...init.headers,
      },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}
