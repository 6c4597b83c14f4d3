#ifndef REVIEW_CLIBGIT2_SHIM_H
#define REVIEW_CLIBGIT2_SHIM_H

#include <git2.h>

/// git_libgit2_opts is variadic and so not callable from Swift; these wrap the options we use.
static inline int review_git_set_search_path(int level, const char *path) {
  return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/// Whether libgit2 re-hashes every object it reads to check its id (on by default). The
/// object database is already checked by git's own pack checksums; history reads read many.
static inline int review_git_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

#endif
