# A small parser for the struct/union definitions of a uapi header:
# yields every addressable member path (anonymous members flattened the
# way C does) so tests can print offsetof() for each.
import re

TOK = re.compile(r'[A-Za-z_]\w*|\d\w*|[{}()\[\];:,*]|\S')


def strip(text):
	text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
	text = re.sub(r'//[^\n]*', ' ', text)
	text = re.sub(r'^\s*#[^\n]*(\\\n[^\n]*)*', ' ', text, flags=re.M)
	return text


def _skip_attr(toks, i):
	while i < len(toks) and toks[i] == '__attribute__':
		depth = 0
		i += 1
		while True:
			if toks[i] == '(':
				depth += 1
			elif toks[i] == ')':
				depth -= 1
				if depth == 0:
					i += 1
					break
			i += 1
	return i


def _body(toks, i):
	"""Parse members from toks[i] (after '{') to the matching '}'.
	Returns (members, index after '}'); a member is (name, children, bitfield)."""
	members = []
	while toks[i] != '}':
		if toks[i] in ('struct', 'union') and (toks[i + 1] == '{' or toks[i + 2] == '{'):
			j = i + 1 if toks[i + 1] == '{' else i + 2
			kids, i = _body(toks, j + 1)
			i = _skip_attr(toks, i)
			name = None
			if toks[i] != ';':
				name = toks[i]
				i += 1
				while toks[i] != ';':
					i += 1
			members.append((name, kids, False))
			i += 1
			continue
		if toks[i] == '__bpf_md_ptr':
			j = i
			while toks[j] != ')':
				j += 1
			members.append((toks[j - 1], [], False))
			i = j + 1
			while toks[i] != ';':
				i += 1
			i += 1
			continue
		decl = []
		while toks[i] != ';':
			decl.append(toks[i])
			i += 1
		i += 1
		bit = ':' in decl
		if bit:
			decl = decl[:decl.index(':')]
		if '[' in decl:
			decl = decl[:decl.index('[')]
		names = [t for t in decl if re.match(r'[A-Za-z_]\w*$', t)]
		if names and len(names) >= 2:
			members.append((names[-1], [], bit))
	return members, i + 1


def definitions(path):
	"""[(kind, name, members)] of every named struct/union in a header."""
	toks = TOK.findall(strip(open(path).read()))
	out = []
	i = 0
	while i < len(toks) - 2:
		if toks[i] in ('struct', 'union') and re.match(r'\w+$', toks[i + 1]) \
		   and toks[i + 2] == '{':
			members, j = _body(toks, i + 3)
			out.append((toks[i], toks[i + 1], members))
			i = j
		else:
			i += 1
	return out


def paths(members, prefix=''):
	"""Member paths usable in offsetof(); bitfields are skipped."""
	for name, kids, bit in members:
		if kids:
			sub = prefix + name + '.' if name else prefix
			if name:
				yield prefix + name
			yield from paths(kids, sub)
		elif not bit:
			yield prefix + name


def enum_names(path):
	text = strip(open(path).read())
	res = []
	for m in re.finditer(r'\benum\s*\w*\s*\{(.*?)\}', text, re.S):
		for item in m.group(1).split(','):
			item = item.strip()
			n = re.match(r'([A-Za-z_]\w*)\s*(\(?)', item)
			if n and not n.group(2):
				res.append(n.group(1))
	return res


def define_names(path):
	"""Object-like macros with a value (not guards, not function-like)."""
	res = []
	for m in re.finditer(r'^#define\s+([A-Za-z_]\w*)([ \t]+[^\n]*)?$',
			     open(path).read(), re.M):
		if m.group(2) and m.group(2).strip():
			res.append(m.group(1))
	return res


def func_names(path):
	"""BPF_FUNC_* names listed through FN(name...) in the helper mapper."""
	text = open(path).read()
	return ['BPF_FUNC_' + n for n in
		dict.fromkeys(re.findall(r'^\s*FN\((\w+)', text, re.M))]
