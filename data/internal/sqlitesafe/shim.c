// The C half of package sqlitesafe: what go-sqlite3 cannot do from Go. The
// SQLite prototypes are declared here rather than included, so that this
// package needs no SQLite header: the symbols are go-sqlite3's (its bundled
// amalgamation, or the system library with the libsqlite3 build tag).

#include <stddef.h>
#include "_cgo_export.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;

int sqlite3_db_config(sqlite3 *, int op, ...);
int sqlite3_create_function_v2(sqlite3 *db, const char *zFunctionName, int nArg, int eTextRep, void *pApp,
	void (*xFunc)(sqlite3_context *, int, sqlite3_value **),
	void (*xStep)(sqlite3_context *, int, sqlite3_value **),
	void (*xFinal)(sqlite3_context *),
	void (*xDestroy)(void *));
const void *sqlite3_value_blob(sqlite3_value *);
int sqlite3_value_bytes(sqlite3_value *);
int sqlite3_value_type(sqlite3_value *);
void sqlite3_result_double(sqlite3_context *, double);
void sqlite3_result_int(sqlite3_context *, int);
void sqlite3_result_null(sqlite3_context *);
void *sqlite3_user_data(sqlite3_context *);

#define CORRIDOR_SQLITE_UTF8 1
#define CORRIDOR_SQLITE_DETERMINISTIC 0x000000800
#define CORRIDOR_SQLITE_INNOCUOUS 0x000200000
#define CORRIDOR_SQLITE_BLOB 4
#define CORRIDOR_SQLITE_TEXT 3

// corridor_db_config_int calls the variadic sqlite3_db_config with one int
// setting, which cgo cannot call directly.
int corridor_db_config_int(sqlite3 *db, int op, int v) {
	int out = -1;
	int rc = sqlite3_db_config(db, op, v, &out);
	if (rc == 0 && out != v) {
		return -1;
	}
	return rc;
}

// envelope_func is ST_IsEmpty (user data 0) or ST_MinX, ST_MaxX, ST_MinY,
// ST_MaxY (1 to 4) of a GeoPackage geometry blob; the blob is read in Go.
static void envelope_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
	int which = (int)(size_t)sqlite3_user_data(ctx);
	int t = sqlite3_value_type(argv[0]);
	if (t != CORRIDOR_SQLITE_BLOB && t != CORRIDOR_SQLITE_TEXT) {
		if (which == 0) {
			sqlite3_result_int(ctx, 1); // NULL and numbers are empty: they stay out of the index
		} else {
			sqlite3_result_null(ctx);
		}
		return;
	}
	const void *p = sqlite3_value_blob(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	double v = 0;
	int ok = corridorEnvelope((void *)p, n, which, &v);
	if (which == 0) {
		sqlite3_result_int(ctx, ok);
	} else if (ok) {
		sqlite3_result_double(ctx, v);
	} else {
		sqlite3_result_null(ctx);
	}
}

// corridor_register_envelope registers the five functions the GeoPackage
// R*Tree triggers call as deterministic and innocuous, so that triggers may
// call them under trusted_schema=OFF.
int corridor_register_envelope(sqlite3 *db) {
	static const char *names[] = {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"};
	int flags = CORRIDOR_SQLITE_UTF8 | CORRIDOR_SQLITE_DETERMINISTIC | CORRIDOR_SQLITE_INNOCUOUS;
	for (int i = 0; i < 5; i++) {
		int rc = sqlite3_create_function_v2(db, names[i], 1, flags, (void *)(size_t)i, envelope_func, NULL, NULL, NULL);
		if (rc != 0) {
			return rc;
		}
	}
	return 0;
}
