"""check.py WHAT EXPRESSION: reads JSON on stdin; the Python expression, over it as `d`, must hold."""

import json
import sys

what, expression = sys.argv[1], sys.argv[2]
text = sys.stdin.read()
try:
    d = json.loads(text) if text.strip() else {}
    held = eval(f"({expression})", {"d": d})  # the expression is the suite's own text, not input
except Exception as error:  # a missing key is a failed check, said plainly
    held, text = False, f"{text}\n({type(error).__name__}: {error})"
if not held:
    print(f"  FAIL: {what}\n  got: {text.strip()}", file=sys.stderr)
    sys.exit(1)
print(f"  ok: {what}")
