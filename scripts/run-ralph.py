"""Runs Ralph, the LRS, for the tests and benches: `python scripts/run-ralph.py PORT [WORKERS]`
(one worker unless told) with Ralph's settings
in the environment (RALPH_APP_DIR with its auth.json, RALPH_RUNSERVER_BACKEND=fs,
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH, RALPH_RUNSERVER_CORS_ALLOW_ORIGINS).

The same server `ralph runserver -b fs` starts (uvicorn serving `ralph.api:app`), with two
differences (`ralph_patched.py`, which every worker process imports). Ralph 5.1's file
backend writes its statements file with the CREATE operation, so every POST after the
first fails with 500 ("fs_lrs.jsonl already exists and overwrite is not allowed"). Here it appends, as a file-backed LRS must. (`runserver` also reloads on
code changes, in a subprocess, where a fix made here would not reach.)

And one more: its file backend compares each statement's object id (text) with the
`activity` query parameter as Ralph's API hands it over (an IRI model, never equal to
text), so `GET /xAPI/statements?activity=...` finds nothing. Here the parameter is compared
as text, as the xAPI specification means.
"""

import os
import sys

import uvicorn

if __name__ == "__main__":
    uvicorn.run(
        "ralph_patched:app",
        app_dir=os.path.dirname(os.path.abspath(__file__)),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        workers=int(sys.argv[2]) if len(sys.argv) > 2 else 1,
        log_level="warning",
    )
