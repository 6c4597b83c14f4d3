#ifndef REVIEW_CLIBGIT2_SHIM_H
#define REVIEW_CLIBGIT2_SHIM_H

#include <git2.h>

/// git_libgit2_opts is variadic and so not callable from Swift; these wrap the options we use.
static inline int review_git_set_search_path(int level, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int review_git_set_owner_validation(int enabled) {
  return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

#endif
