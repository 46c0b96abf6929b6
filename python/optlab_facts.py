"""What a returned value's numbers cannot show: items that are one object, or dicts that share arrays."""


def result_facts(result, np):
    """For a returned tuple or list: pairs of dict items that are the same object ("v is s") and pairs whose
    arrays under one key share memory. None when there is nothing to say."""
    if not isinstance(result, (tuple, list)) or len(result) > 8:
        return None
    same, shared = [], []
    for i, a in enumerate(result):
        for j in range(i + 1, len(result)):
            b = result[j]
            if not isinstance(a, dict) or not isinstance(b, dict):
                continue
            if a is b:
                same.append([i, j])
                continue
            for key, x in a.items():
                y = b.get(key) if isinstance(key, str) else None
                if isinstance(x, np.ndarray) and isinstance(y, np.ndarray) and x.size > 0 and np.shares_memory(x, y):
                    shared.append([i, j, key])
                    break
    facts = {}
    if same:
        facts["sameObject"] = same
    if shared:
        facts["sharedArrays"] = shared
    return facts or None
