/*
 * @helper 1 void *bpf_map_lookup_elem(void *map, const void *key)
 * @helper 2 this is not a declaration
 */
