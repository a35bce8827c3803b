#ifndef TENANTCTL_CGIT2_SHIM_H
#define TENANTCTL_CGIT2_SHIM_H
#include <git2.h>
/* Not part of <git2.h>: GitSource registers its own socket stream to get
   connect/read deadlines, which libgit2 1.5 has no option for. */
#include <git2/sys/stream.h>
#endif
