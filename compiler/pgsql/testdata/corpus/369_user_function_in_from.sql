-- deps: dsa.fravaer
-- columns: dag, timer
SELECT d.dag, coalesce(sum(f.timer), 0) AS timer
FROM ref.arbejdsdage(${data_fra}::date, ${data_tom}::date) AS d(dag)
LEFT JOIN dsa.fravaer f ON f.fra::date = d.dag
GROUP BY d.dag
