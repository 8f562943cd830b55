import type { WcxbCase } from "./corpora.ts";
import { measureWcxbPage } from "./measure.ts";

/** Child process of the evaluation pool: one page per message, one result back. */
process.on("message", (c: WcxbCase) => {
  try {
    process.send?.(measureWcxbPage(c));
  } catch (error) {
    process.send?.({
      id: c.id,
      pageType: c.pageType,
      status: "crash",
      error: String((error as Error)?.stack ?? error).slice(0, 300),
    });
  }
});
