import { join } from "node:path";
import { z } from "zod";
import { ContentError } from "./errors.ts";
import { REGISTRY_DIR } from "./registry.ts";
import { readYaml } from "./registry-yaml.ts";

const SiteSettingsSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  tag_authority: z.string().regex(/^[a-z0-9.-]+$/),
  language: z.string().min(2),
  page_size: z.number().int().positive(),
});

export type SiteSettings = z.output<typeof SiteSettingsSchema>;

/** Site settings from `registry/site.yaml`, with the deploy URL from the environment when set. */
export function loadSiteSettings(
  file = join(REGISTRY_DIR, "site.yaml"),
  env: Record<string, string | undefined> = process.env,
): SiteSettings {
  const parsed = SiteSettingsSchema.safeParse({
    ...(readYaml(file).data as object),
    ...((env.DIGEST_SITE_URL ?? env.URL) ? { url: env.DIGEST_SITE_URL ?? env.URL } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError({
      file,
      field: issue?.path.join("."),
      problem: issue?.message ?? "is invalid",
      fix: "Fix the site settings (or DIGEST_SITE_URL).",
    });
  }
  const url = parsed.data.url.endsWith("/") ? parsed.data.url : `${parsed.data.url}/`;
  return { ...parsed.data, url };
}
