# sweep_p99.gp - p99 latency across the sweep.
# Draws sweep_p99.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot sweep_p99.gp (writes sweep_p99.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'sweep_p99.png'
set output outfile
set title 'p99 latency across the sweep: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set ylabel 'p99 latency (µs), mean and 95% CI'
set yrange [0:*]
set xlabel 'workload.arrival.rate_rps (swept)'
plot 'sweep_p99.dat' index 0 using 1:2:3 with yerrorlines lw 2 ps 1 lc rgb '#d62728' dt 1 pt 7 title columnheader(1), \
     'sweep_p99.dat' index 1 using 1:2:3 with yerrorlines lw 2 ps 1 lc rgb '#d62728' dt 2 pt 5 title columnheader(1), \
     'sweep_p99.dat' index 2 using 1:2:3 with yerrorlines lw 2 ps 1 lc rgb '#2ca02c' dt 1 pt 9 title columnheader(1), \
     'sweep_p99.dat' index 3 using 1:2:3 with yerrorlines lw 2 ps 1 lc rgb '#2ca02c' dt 2 pt 11 title columnheader(1), \
     200 with lines dt 2 lw 1.5 lc rgb '#c00000' title 'SLO: p99 at most 200 µs'
