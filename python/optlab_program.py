"""What of a learner's file may run: the needed top-level definitions, the imports and constants they use.

A syntax error in one part of the file must not stop the other functions from being checked, so a file that
does not parse is cut into top-level blocks (lines that start in column 0 begin a block) and each block is
parsed on its own, at its own line numbers.
"""

import ast
import builtins
import linecache
import re
import traceback

LEARNER_FILENAME = "<learner>"

GRADED = (
    "update_parameters_with_gd",
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
)

_DEF_LINE = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_BUILTIN_NAMES = set(dir(builtins)) | {"np", "math", "__name__", "__file__"}


class Definition:
    """One top-level statement that may be needed: a def/class, an import, or a literal constant."""

    def __init__(self, node, binds, kind):
        self.node = node
        self.binds = binds
        self.kind = kind  # 'def' | 'import' | 'star-import' | 'constant'
        self.uses = _names_used(node) if kind == "def" else set()
        self.code = None

    def compiled(self):
        if self.code is None:
            module = ast.Module(body=[self.node], type_ignores=[])
            self.code = compile(module, LEARNER_FILENAME, "exec")
        return self.code


def _names_used(node):
    """Names a definition reads but does not bind itself (roughly its free names: scopes are not told apart)."""
    loaded, bound = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (loaded if isinstance(n.ctx, ast.Load) else bound).add(n.id)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            bound |= _import_binds(n)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not node:
            bound.add(n.name)
    return loaded - bound


def _import_binds(node):
    if isinstance(node, ast.Import):
        return {(alias.asname or alias.name.split(".")[0]) for alias in node.names}
    return {(alias.asname or alias.name) for alias in node.names if alias.name != "*"}


def _constant_binds(node):
    """Names bound by `NAME = <literal>` (or `NAME: T = <literal>`); None when it is anything else."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if node.value is None or not all(isinstance(t, ast.Name) for t in targets):
        return None
    try:
        ast.literal_eval(node.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return {t.id for t in targets}


def _classify(node):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return Definition(node, {node.name}, "def")
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
            return Definition(node, set(), "star-import")
        return Definition(node, _import_binds(node), "import")
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        binds = _constant_binds(node)
        if binds:
            return Definition(node, binds, "constant")
    return None


def _blocks(source):
    """(first line, text) of each top-level block: a line starting in column 0 that is not a comment,
    a decorator's continuation or a closing bracket begins a new block."""
    lines = source.splitlines(True)
    starts = []
    for i, line in enumerate(lines):
        if not line.strip() or line[0] in " \t#)]}":
            continue
        if starts and lines[i - 1].lstrip().startswith("@"):
            continue
        starts.append(i)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        out.append((start + 1, "".join(lines[start:end])))
    return out


def _syntax_error_info(error, line_offset=0):
    line = (error.lineno or 1) + line_offset
    text = "%s: %s" % (type(error).__name__, error.msg)
    return {"message": "%s (line %d)" % (text, line), "line": line, "column": error.offset}


class Program:
    def __init__(self, source):
        self.source = source
        self.definitions = []
        self.graded = {}  # name -> {"name", "line", "syntaxError"?}
        self._parse(source)
        linecache.cache[LEARNER_FILENAME] = (len(source), None, source.splitlines(True), LEARNER_FILENAME)

    def _parse(self, source):
        try:
            tree = ast.parse(source, LEARNER_FILENAME)
            self._take(tree.body)
            return
        except SyntaxError:
            pass
        for first_line, text in _blocks(source):
            try:
                tree = ast.parse("\n" * (first_line - 1) + text, LEARNER_FILENAME)
            except SyntaxError as error:
                info = _syntax_error_info(error)
                for line_index, line in enumerate(text.splitlines()):
                    match = _DEF_LINE.match(line)
                    if match and match.group(1) in GRADED and match.group(1) not in self.graded:
                        self.graded[match.group(1)] = {
                            "name": match.group(1),
                            "line": first_line + line_index,
                            "syntaxError": info,
                        }
                continue
            self._take(tree.body)

    def _take(self, body):
        for node in body:
            definition = _classify(node)
            if definition is None:
                continue
            self.definitions.append(definition)
            if definition.kind == "def" and node.name in GRADED:
                # the last definition wins, as when the file runs
                self.graded[node.name] = {"name": node.name, "line": node.lineno}
                if not isinstance(node, ast.FunctionDef):
                    kind = "an async def" if isinstance(node, ast.AsyncFunctionDef) else "a class"
                    message = "%s is %s; the notebook calls it as a plain function (def)" % (node.name, kind)
                    self.graded[node.name]["syntaxError"] = {"message": message, "line": node.lineno, "column": None}

    def functions(self):
        return sorted(self.graded.values(), key=lambda f: f["line"])

    def _needed(self, name):
        """The definitions `name` depends on, in source order; star imports only when a name is unresolved."""
        by_name = {}
        for definition in self.definitions:
            for bound in definition.binds:
                by_name[bound] = definition  # the last binding in the file wins
        needed, pending, unresolved = [], [name], False
        seen = set()
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            definition = by_name.get(current)
            if definition is None:
                unresolved = unresolved or current not in _BUILTIN_NAMES
                continue
            if definition not in needed:
                needed.append(definition)
                pending.extend(definition.uses)
        if unresolved:
            needed.extend(d for d in self.definitions if d.kind == "star-import")
        return sorted(needed, key=lambda d: d.node.lineno)

    def instantiate(self, name, np):
        """The learner's function `name`, defined in a fresh namespace holding `np` and `math`."""
        import math

        if name not in self.graded or "syntaxError" in self.graded[name]:
            raise NameError("function %r is not defined in the file" % (name,))
        namespace = {"__name__": "learner", "__builtins__": builtins, "np": np, "math": math}
        for definition in self._needed(name):
            if definition.kind in ("import", "star-import"):
                try:
                    exec(definition.compiled(), namespace)
                except Exception as error:  # a module of the course (opt_utils) that is not installed
                    print("note: skipped line %d (%s: %s)" % (definition.node.lineno, type(error).__name__, error))
            else:
                exec(definition.compiled(), namespace)
        return namespace[name]

    def describe_exception(self, error, memory_limit_mb=None):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == LEARNER_FILENAME]
        line = frames[-1].lineno if frames else None
        type_name = _type_name(error)
        if isinstance(error, MemoryError):
            limit = " (%d MiB on top of Python and numpy)" % memory_limit_mb if memory_limit_mb else ""
            message = "the function used more memory than the limit%s allows" % limit
        elif isinstance(error, KeyError) and len(error.args) == 1:
            message = _capped(_safe_text(repr, error.args[0]), MESSAGE_LIMIT)
        else:
            message = _capped(_safe_text(str, error), MESSAGE_LIMIT)
        if isinstance(error, PermissionError) and getattr(error, "errno", None) == 1:
            message += " (checked functions may not start processes, send signals, raise limits or write files)"
        lines = ["Traceback (your code):"]
        for frame in frames[-TRACEBACK_FRAMES:]:
            lines.append('  line %d, in %s' % (frame.lineno, frame.name))
            if frame.line:
                lines.append("    " + _capped(frame.line.strip(), 300))
        if len(frames) > TRACEBACK_FRAMES:
            lines.insert(1, "  ... (%d earlier frames not shown)" % (len(frames) - TRACEBACK_FRAMES))
        lines.append("%s: %s" % (type_name, message))
        return {"type": type_name, "message": message, "line": line, "traceback": "\n".join(lines)}


MESSAGE_LIMIT = 2000
TRACEBACK_FRAMES = 20


def _capped(text, limit):
    if len(text) <= limit:
        return text
    return text[:limit] + "... (%d more characters not shown)" % (len(text) - limit)


def _type_name(error):
    try:
        name = type(error).__name__
        return name[:100] if isinstance(name, str) else "Exception"
    except BaseException:  # noqa: B902 - a metaclass can make even this raise
        return "Exception"


def _safe_text(show, value):
    """str() or repr() of a learner's object, which may itself raise or return something that is not text."""
    try:
        text = show(value)
        if not isinstance(text, str):
            raise TypeError("returned %s" % type(text).__name__)
        return str.__str__(text)  # a plain str, whatever subclass came back
    except BaseException as error:  # noqa: B902
        return "<the exception's %s raised %s>" % ("message" if show is str else "key", _type_name(error))


def load_program(source):
    # An editor's byte-order mark is not Python; it sits before line 1, so no line moves.
    return Program(source[1:] if source.startswith("\ufeff") else source)
