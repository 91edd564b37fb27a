# latency.gp - Latency percentile spectrum.
# Draws latency.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot latency.gp (writes latency.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'latency.png'
set output outfile
set title 'Latency percentile spectrum: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set logscale x 10
set logscale y 10
set xlabel 'percentile (log scale of 1/(1-q): the tail gets room)'
set ylabel 'latency (µs, log scale)'
set xtics ('50%%' 2, '90%%' 10, '99%%' 100, '99.9%%' 1000, '99.99%%' 10000)
set xrange [1:10000]
plot 'latency.dat' index 0 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#d62728' dt 1 pt 7 title columnheader(1), \
     'latency.dat' index 1 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#d62728' dt 2 pt 7 title columnheader(1), \
     'latency.dat' index 2 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#2ca02c' dt 1 pt 7 title columnheader(1), \
     'latency.dat' index 3 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#2ca02c' dt 2 pt 7 title columnheader(1), \
     'latency.dat' index 4 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#d62728' dt 1 pt 5 title columnheader(1), \
     'latency.dat' index 5 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#d62728' dt 2 pt 5 title columnheader(1), \
     'latency.dat' index 6 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#2ca02c' dt 1 pt 5 title columnheader(1), \
     'latency.dat' index 7 using 2:3 with linespoints lw 2 ps 0.6 lc rgb '#2ca02c' dt 2 pt 5 title columnheader(1)
