/* Exercises every function of scopewise.h. Compiled and run by tests/c_program.rs, which
 * compares its output; each CHECK also fails the program on its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scopewise.h"

static int failures = 0;
#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                          \
    }                                                                      \
  } while (0)

static void print_endpoint(const char *label, const sw_endpoint *e) {
  printf("%s: %s %s access=%u version=%s scopes=", label, e->method, e->path_template,
         (unsigned)e->access, e->version ? e->version : "(none)");
  for (size_t i = 0; i < e->scopes_len; i++) printf("%s%s", i ? "," : "", e->scopes[i]);
  printf("\n");
}

int main(void) {
  printf("version: %s\n", sw_version());
  /* The header and the library agree on the ABI; every denial kind has its own value. */
  CHECK(sw_abi_version() == SW_ABI_VERSION);
  printf("abi: %u\n", (unsigned)sw_abi_version());
  CHECK(SW_DENIAL_KIND_UNDOCUMENTED_SCOPE == 5 && SW_DENIAL_KIND_WRONG_TOKEN_KIND == 6 &&
        SW_DENIAL_KIND_WRONG_VERSION == 7 && SW_DENIAL_KIND_FOREIGN_GRANT == 8);
  CHECK(strlen(sw_catalog_fingerprint()) > 0);
  printf("status: %s\n", sw_status_message(SW_STATUS_NULL_ARGUMENT));

  /* lookup: a template, a concrete path, a URL; not found; malformed; NULL; bad UTF-8. */
  const sw_endpoint *e = NULL;
  char *msg = NULL;
  CHECK(sw_lookup("GET", "/contacts/:id", &e, &msg) == SW_STATUS_OK && msg == NULL);
  print_endpoint("lookup template", e);
  const sw_endpoint *again = NULL;
  CHECK(sw_lookup("get", "https://services.leadconnectorhq.com/contacts/abc123?x=1", &again, NULL) == SW_STATUS_OK);
  CHECK(again == e); /* static table: the same pointer every time */
  CHECK(sw_lookup("GET", "/nope", &e, &msg) == SW_STATUS_NOT_FOUND && e == NULL);
  printf("lookup not found: %s\n", msg);
  sw_string_free(msg);
  CHECK(sw_lookup("GET", "/contacts/../users", &e, &msg) == SW_STATUS_INVALID_REQUEST);
  printf("lookup malformed: %s\n", msg);
  sw_string_free(msg);
  CHECK(sw_lookup(NULL, "/contacts", &e, &msg) == SW_STATUS_NULL_ARGUMENT && msg == NULL);
  CHECK(sw_lookup("GET", "/contacts", NULL, NULL) == SW_STATUS_NULL_ARGUMENT);
  CHECK(sw_lookup("GET", "/contacts/\xff", &e, &msg) == SW_STATUS_INVALID_UTF8 && e == NULL);

  /* What an endpoint needs, its versions and its deprecation. */
  CHECK(sw_lookup("POST", "/oauth/token", &e, NULL) == SW_STATUS_OK);
  CHECK(e->auth == SW_AUTH_NONE && e->scopes_len == 0);
  CHECK(sw_lookup("GET", "/contacts/{contactId}", &e, NULL) == SW_STATUS_OK);
  CHECK(e->auth == SW_AUTH_SCOPES && !e->deprecated && e->replacement == NULL);
  printf("versions:");
  for (size_t i = 0; i < e->versions_len; i++) printf(" %s", e->versions[i]);
  printf("\n");
  CHECK(sw_lookup("GET", "/users/", &e, NULL) == SW_STATUS_OK);
  CHECK(e->deprecated && e->replacement != NULL);
  printf("deprecated: %s %s, use %s\n", e->method, e->path_template, e->replacement);
  /* No scope needed: allowed with an empty scope string. */
  sw_denial *none = NULL;
  CHECK(sw_precheck("", SW_TOKEN_SUB_ACCOUNT, "POST", "/oauth/token", &e, &none) == SW_STATUS_OK && none == NULL);

  /* precheck: allowed, missing scope, wrong token type, unknown endpoint, invalid. */
  sw_denial *d = NULL;
  CHECK(sw_precheck("contacts.readonly", SW_TOKEN_SUB_ACCOUNT, "GET", "/contacts/abc123", &e, &d) == SW_STATUS_OK);
  CHECK(d == NULL);
  print_endpoint("precheck allowed", e);

  CHECK(sw_precheck("contacts.readonly", SW_TOKEN_SUB_ACCOUNT, "POST", "/contacts", &e, &d) == SW_STATUS_DENIED);
  CHECK(e == NULL && d != NULL && d->kind == SW_DENIAL_KIND_MISSING_SCOPE);
  printf("denied %s: %s; missing:", d->reason, d->message);
  for (size_t i = 0; i < d->missing_len; i++) printf(" %s", d->missing[i]);
  printf("; endpoint %s\n", d->endpoint->path_template);
  sw_denial_free(d);

  CHECK(sw_precheck("locations.write", SW_TOKEN_SUB_ACCOUNT, "POST", "/locations", &e, &d) == SW_STATUS_DENIED);
  CHECK(d->kind == SW_DENIAL_KIND_WRONG_TOKEN_TYPE && d->allowed == SW_TOKEN_AGENCY && d->missing == NULL);
  printf("denied %s: %s\n", d->reason, d->message);
  sw_denial_free(d);

  CHECK(sw_precheck("contacts.readonly", SW_TOKEN_SUB_ACCOUNT, "GET", "/contacts/abc/taskz", &e, &d) == SW_STATUS_DENIED);
  CHECK(d->kind == SW_DENIAL_KIND_UNKNOWN_ENDPOINT && d->endpoint == NULL && d->nearest_len > 0);
  printf("denied %s: nearest %s\n", d->reason, d->nearest[0]->path_template);
  sw_denial_free(d);

  CHECK(sw_precheck("contacts.readonly", SW_TOKEN_SUB_ACCOUNT, "GET", "https://evil.example/contacts/x", &e, &d) == SW_STATUS_DENIED);
  CHECK(d->kind == SW_DENIAL_KIND_INVALID_REQUEST);
  printf("denied %s\n", d->reason);
  sw_denial_free(d);

  CHECK(sw_precheck("contacts.readonly", 7, "GET", "/contacts/x", &e, &d) == SW_STATUS_INVALID_TOKEN && d == NULL);
  CHECK(sw_precheck(NULL, SW_TOKEN_AGENCY, "GET", "/contacts/x", &e, &d) == SW_STATUS_NULL_ARGUMENT);
  CHECK(sw_precheck("contacts.readonly", SW_TOKEN_AGENCY, "GET", "/contacts/x", &e, NULL) == SW_STATUS_NULL_ARGUMENT);
  CHECK(sw_precheck("contacts.\xc3(", SW_TOKEN_AGENCY, "GET", "/contacts/x", &e, &d) == SW_STATUS_INVALID_UTF8);
  sw_denial_free(NULL);

  /* A grant parsed once, for many checks. */
  sw_grant *g = NULL;
  CHECK(sw_grant_new("contacts.readonly contacts.write", SW_TOKEN_SUB_ACCOUNT, &g) == SW_STATUS_OK && g != NULL);
  CHECK(sw_grant_precheck(g, "POST", "/contacts/", &e, &d) == SW_STATUS_OK && d == NULL);
  print_endpoint("grant allowed", e);
  CHECK(sw_grant_precheck(g, "GET", "/users/u1", &e, &d) == SW_STATUS_DENIED && e == NULL);
  printf("grant denied %s: missing %s\n", d->reason, d->missing[0]);
  sw_denial_free(d);
  CHECK(sw_grant_precheck(NULL, "GET", "/contacts/x", &e, &d) == SW_STATUS_NULL_ARGUMENT);
  CHECK(sw_grant_precheck(g, "GET", NULL, &e, &d) == SW_STATUS_NULL_ARGUMENT && d == NULL);
  sw_grant_free(g);
  sw_grant *bad = NULL;
  CHECK(sw_grant_new("contacts.readonly", 0, &bad) == SW_STATUS_INVALID_TOKEN && bad == NULL);
  CHECK(sw_grant_new("\xff", SW_TOKEN_AGENCY, &bad) == SW_STATUS_INVALID_UTF8 && bad == NULL);
  CHECK(sw_grant_new("contacts.readonly", SW_TOKEN_AGENCY, NULL) == SW_STATUS_NULL_ARGUMENT);
  sw_grant_free(NULL);

  /* minimal scope set. */
  const char *calls[] = {"GET /contacts/{contactId}", "POST /contacts", "GET /nope"};
  const char *hooks[] = {"ContactCreate", "NoSuchEvent"};
  sw_minimal *m = NULL;
  CHECK(sw_minimal_scopes(calls, 3, hooks, 2, &m) == SW_STATUS_OK);
  printf("minimal: %s (%zu scopes)\n", m->scope_string, m->scopes.len);
  CHECK(m->unmatched_len == 1 && strcmp(m->unmatched[0].call, "GET /nope") == 0);
  printf("unmatched: %s: %s\n", m->unmatched[0].call, m->unmatched[0].reason);
  CHECK(m->unknown_webhooks.len == 1 && strcmp(m->unknown_webhooks.items[0], "NoSuchEvent") == 0);
  CHECK(m->ungrantable.len == 0);
  sw_minimal_free(m);
  CHECK(sw_minimal_scopes(NULL, 0, NULL, 0, &m) == SW_STATUS_OK && strcmp(m->scope_string, "") == 0);
  sw_minimal_free(m);
  const char *with_null[] = {"GET /contacts/x", NULL};
  CHECK(sw_minimal_scopes(with_null, 2, NULL, 0, &m) == SW_STATUS_NULL_ARGUMENT && m == NULL);
  CHECK(sw_minimal_scopes(NULL, 1, NULL, 0, &m) == SW_STATUS_NULL_ARGUMENT);
  sw_minimal_free(NULL);
  sw_string_free(NULL);

  /* Catalogs by provider: the `_in` functions answer from the one given. */
  const sw_catalog *cat = NULL;
  char *why = NULL;
  CHECK(sw_catalog_get("HighLevel", &cat, &why) == SW_STATUS_OK && why == NULL);
  CHECK(cat == sw_catalog_default());
  CHECK(strcmp(sw_catalog_fingerprint_of(cat), sw_catalog_fingerprint()) == 0);
  printf("catalog: %s\n", sw_catalog_provider(cat));
  CHECK(sw_lookup_in(cat, "GET", "/contacts/x", &e, NULL) == SW_STATUS_OK);
  print_endpoint("lookup in", e);
  CHECK(sw_precheck_in(cat, "contacts.readonly", SW_TOKEN_SUB_ACCOUNT, "GET", "/contacts/x", &e, &d) == SW_STATUS_OK);
  sw_grant *gi = NULL;
  CHECK(sw_grant_new_in(cat, "contacts.readonly", SW_TOKEN_SUB_ACCOUNT, &gi) == SW_STATUS_OK);
  CHECK(sw_grant_precheck(gi, "GET", "/contacts/x", &e, &d) == SW_STATUS_OK && d == NULL);
  sw_grant_free(gi);
  const char *one_call[] = {"POST /contacts"};
  CHECK(sw_minimal_scopes_in(cat, one_call, 1, NULL, 0, &m) == SW_STATUS_OK);
  printf("minimal in: %s\n", m->scope_string);
  sw_minimal_free(m);
  /* Xero: no token types, so the token argument is not compared; a read-only scope reads. */
  const sw_catalog *xero = NULL;
  CHECK(sw_catalog_get("xero", &xero, NULL) == SW_STATUS_OK && xero != cat);
  CHECK(sw_precheck_in(xero, "accounting.transactions.read", SW_TOKEN_AGENCY, "GET",
                       "https://api.xero.com/api.xro/2.0/Invoices", &e, &d) == SW_STATUS_OK);
  print_endpoint("xero allowed", e);
  CHECK(sw_precheck_in(xero, "accounting.transactions.read", SW_TOKEN_AGENCY, "PUT",
                       "/api.xro/2.0/Invoices", &e, &d) == SW_STATUS_DENIED && e == NULL);
  printf("xero denied %s: missing %s\n", d->reason, d->missing[0]);
  sw_denial_free(d);
  CHECK(sw_catalog_get("salesforce", &cat, &why) == SW_STATUS_UNKNOWN_PROVIDER && cat == NULL);
  printf("catalog unknown: %s\n", why);
  sw_string_free(why);
  CHECK(sw_catalog_get("sfmc", &cat, &why) == SW_STATUS_WRONG_CAPABILITY && cat == NULL);
  printf("catalog wrong kind: %s\n", why);
  sw_string_free(why);
  CHECK(sw_catalog_get(NULL, &cat, NULL) == SW_STATUS_NULL_ARGUMENT && cat == NULL);
  CHECK(sw_lookup_in(NULL, "GET", "/contacts/x", &e, NULL) == SW_STATUS_NULL_ARGUMENT && e == NULL);

  printf("%d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
