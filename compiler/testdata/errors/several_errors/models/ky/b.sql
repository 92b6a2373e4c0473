SELECT ${nope} AS y
