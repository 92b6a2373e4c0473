SELECT x FROM nowhere
