# credits.gp - When burstable instances ran out of CPU credits.
# Draws credits.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot credits.gp (writes credits.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'credits.png'
set output outfile
set title 'When burstable instances ran out of CPU credits: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set style fill solid 0.85 border -1
set boxwidth 0.6
set grid noxtics ytics
set xrange [-0.5:3.5]
set yrange [0:3960]
set ylabel 'simulated time of the first throttle (s)'
set xlabel 'cell (instance / generation)'
set xtics rotate by -25 left
set arrow from graph 0, first 3600 to graph 1, first 3600 nohead front lc rgb '#404040' dt 2 lw 1.5
set label 'end of the run (3600 s)' at graph 0.01, first 3600 offset 0,0.7 front
plot 'credits.dat' using 0:2:3:xticlabels(1) with boxes lc rgb variable notitle
