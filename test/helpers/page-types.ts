/**
 * One page of each type of the fixture site (test/fixtures/articles), as readers reach them: the
 * pages html-validate and axe check (test/site/) and test/site/screenshots.browser.test.ts shoots.
 */
export const PAGE_TYPES = {
  home: "/",
  article: "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/",
  topic: "/topics/mobilization/",
  "topics index": "/topics/",
  place: "/places/kharkiv/",
  "places index": "/places/",
  watch: "/watches/kharkiv-mobilization/",
  "watches index": "/watches/",
  "day issue": "/digest/2024/03/23/",
  "week issue": "/digest/2024/w12/",
  "issues index": "/digest/",
  archive: "/archive/",
  "archive month": "/archive/2024/03/",
  source: "/sources/kyiv-independent/",
  "sources index": "/sources/",
  search: "/search/",
  "not found": "/404.html",
} as const;
