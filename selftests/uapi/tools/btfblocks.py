# Shared helpers: split a C dump of BTF (bpftool ... format c) or a uapi
# header into top-level struct/union/enum definitions.
import re

_BLOCK = re.compile(r'^(struct|union|enum) ?(\w*) \{\n(.*?)^\}([^;\n]*);',
		    re.M | re.S)


def blocks(path):
	"""Return [(kind, name, body, trailer)] in file order."""
	text = open(path).read()
	return [(m.group(1), m.group(2), m.group(3), m.group(4).strip())
		for m in _BLOCK.finditer(text)]


def enumerators(body):
	"""Return [(name, value-text or None)] of an enum body."""
	body = re.sub(r'/\*.*?\*/', '', body, flags=re.S)
	out = []
	for line in body.split('\n'):
		line = line.strip()
		m = re.match(r'(\w+)\s*(?:=\s*(.*?))?,?$', line)
		if m and m.group(1):
			out.append((m.group(1), m.group(2)))
	return out


def index(path):
	"""Map 'struct x' / 'union x' / 'enum x' / 'anon FIRST' to a block."""
	res = {}
	for kind, name, body, trailer in blocks(path):
		if name:
			res.setdefault(kind + ' ' + name, (kind, name, body, trailer))
		elif kind == 'enum':
			ens = enumerators(body)
			if ens:
				res.setdefault('anon ' + ens[0][0],
					       (kind, name, body, trailer))
	return res
