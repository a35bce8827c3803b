#ifndef TENANTCTL_CCURL_SHIM_H
#define TENANTCTL_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. These typed
   wrappers pass exactly the argument type libcurl documents for each kind of option. */

static inline CURLcode tc_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tc_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tc_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*tc_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode tc_curl_setopt_data_callback(CURL *handle, CURLoption option, tc_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/* CURLOPT_READFUNCTION. */
typedef size_t (*tc_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode tc_curl_setopt_read_callback(CURL *handle, tc_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/* CURLOPT_XFERINFOFUNCTION. */
typedef int (*tc_curl_xferinfo_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode tc_curl_setopt_xferinfo_callback(CURL *handle, tc_curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode tc_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode tc_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* A complex macro, which Swift does not import. */
static inline long tc_curl_global_all(void) { return CURL_GLOBAL_ALL; }

/* Returned by a write callback to abort the transfer (7.87.0+; 0 works on every version). */
static inline size_t tc_curl_writefunc_abort(void) { return 0; }

#endif
