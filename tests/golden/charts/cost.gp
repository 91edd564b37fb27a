# cost.gp - Cost against p99 latency.
# Draws cost.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot cost.gp (writes cost.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'cost.png'
set output outfile
set title 'Cost against p99 latency: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set xlabel 'p99 latency (µs)'
set ylabel 'cost (USD per million requests)'
set autoscale fix
set offsets graph 0.08, graph 0.08, graph 0.12, graph 0.08
set arrow from first 200, graph 0 to first 200, graph 1 nohead front lc rgb '#c00000' dt 2 lw 1.5
set label 'SLO: p99 at most 200 µs' at first 200, graph 0.96 offset 0.6,0 front tc rgb '#c00000'
plot 'cost.dat' index 0 using 1:($3 == 7 ? $2 : NaN) with points pt 7 ps 1.8 lc rgb '#d62728' title columnheader(1), \
     'cost.dat' index 0 using 1:($3 == 6 ? $2 : NaN) with points pt 6 ps 1.8 lw 2 lc rgb '#d62728' notitle, \
     'cost.dat' index 0 using 1:2:4 with labels offset 0,1.1 font ',8' notitle, \
     'cost.dat' index 1 using 1:($3 == 7 ? $2 : NaN) with points pt 7 ps 1.8 lc rgb '#2ca02c' title columnheader(1), \
     'cost.dat' index 1 using 1:($3 == 6 ? $2 : NaN) with points pt 6 ps 1.8 lw 2 lc rgb '#2ca02c' notitle, \
     'cost.dat' index 1 using 1:2:4 with labels offset 0,1.1 font ',8' notitle, \
     'cost.dat' index 2 using 1:2 with steps dt 2 lw 1.5 lc rgb '#303030' title columnheader(1), \
     NaN with points pt 6 ps 1.8 lw 2 lc rgb '#404040' title 'hollow: misses the SLO'
