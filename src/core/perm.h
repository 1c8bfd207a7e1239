/* Who may do what (SPEC §5, docs/security.md): the rights a route, a form's action or a review
 * step needs. "Member" means a signed-in user of the organisation the resource belongs to; an
 * admin is a member of every organisation. http/authz.c decides them for a request. */
#ifndef KAWARU_CORE_PERM_H
#define KAWARU_CORE_PERM_H

enum perm {
    PERM_PUBLIC,      /* anyone: no organisation's drafts behind it */
    PERM_PUBLISHED,   /* anyone: members read the working draft, others the published version */
    PERM_MEMBER,      /* members of any role: read drafts */
    PERM_DECIDE,      /* viewer (the HQ), office, admin: record decisions */
    PERM_REPORTER,    /* a reporter of the measure's or department's own department, office, admin */
    PERM_OFFICE,      /* office (事務局) of the organisation, admin */
    PERM_ADMIN,       /* admin */
    PERM_INGEST,      /* a Bearer API token of the organisation, or as PERM_REPORTER */
};

#endif
