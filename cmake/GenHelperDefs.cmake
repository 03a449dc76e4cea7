# PLACEHOLDER until the BPF-side headers owner writes the generator:
# writes an empty bpf_helper_defs.h.
file(WRITE "${OUT}" "/* bpf_helper_defs.h: generator not written yet */\n")
